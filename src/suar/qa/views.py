"""Q&A pages: the list, a session with its live question list, moderation and the archive."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.help.selectors import crisis_lines
from suar.qa import selectors, services
from suar.qa.access import can_moderate, can_participate, is_session_expert, visible_sessions
from suar.qa.forms import AnswerForm, AskForm, SessionForm
from suar.qa.models import QASession, Question

# htmx stops polling when the server answers 286: nothing changes after a session ends.
HTMX_STOP_POLLING = 286


def _visible_session(request: HttpRequest, pk: int) -> QASession:
    # Sessions of private groups 404 for outsiders: their existence is not disclosed.
    return get_object_or_404(visible_sessions(request.user), pk=pk)


def _visible_question(request: HttpRequest, session_pk: int, pk: int) -> Question:
    session = _visible_session(request, session_pk)
    question = get_object_or_404(Question.objects.select_related("author"), pk=pk, session=session)
    question.session = session
    return question


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _live_context(request: HttpRequest, session: QASession) -> dict[str, Any]:
    return {
        "session": session,
        "questions": selectors.approved_questions(session, request.user),
        "can_participate": can_participate(request.user, session),
        "is_expert": is_session_expert(request.user, session),
        "answer_form": AnswerForm(),
    }


@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    context = {
        "lists": selectors.session_lists(request.user),
        "can_schedule": has_perm(request.user, Perm.MANAGE_GROUPS),
    }
    return render(request, "qa/session_list.html", context)


@perm_required(Perm.MANAGE_GROUPS)
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.schedule_session(
                actor=request.user,
                organisation=data["organisation"],
                group=data["group"],
                title=data["title"],
                description=data["description"],
                expert=data["expert"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("qa:session_detail", pk=session.pk)
    return render(request, "qa/session_form.html", {"form": form})


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    context = _live_context(request, session)
    moderator = can_moderate(request.user, session)
    context.update(
        ask_form=AskForm(),
        waiting=selectors.my_waiting_questions(session, request.user),
        can_moderate=moderator,
        waiting_count=selectors.waiting_count(session) if moderator else 0,
    )
    return render(request, "qa/session_detail.html", context)


@require_GET
def live_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    status = HTMX_STOP_POLLING if session.status == QASession.Status.ENDED else 200
    return render(request, "qa/_live.html", _live_context(request, session), status=status)


@require_GET
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    questions = selectors.answered_questions(session, request.user)
    return render(request, "qa/archive.html", {"session": session, "questions": questions})


@login_required
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    form = AskForm(request.POST)
    if not form.is_valid():
        # Re-show the page with the text kept, so nothing typed is lost.
        context = _live_context(request, session)
        context.update(
            ask_form=form,
            waiting=selectors.my_waiting_questions(session, request.user),
            can_moderate=can_moderate(request.user, session),
            waiting_count=0,
        )
        return render(request, "qa/session_detail.html", context, status=400)
    try:
        question = services.ask_question(
            actor=request.user,
            session=session,
            text=form.cleaned_data["text"],
            anonymous=form.cleaned_data["anonymous"],
        )
    except ValidationError as error:
        _error(request, error)
        return redirect("qa:session_detail", pk=session.pk)
    if question.status == Question.Status.CRISIS:
        lines = crisis_lines(session.organisation.country, session.organisation)
        context = {"session": session, "question": question, "lines": lines}
        return render(request, "qa/help_now.html", context)
    messages.success(request, _("Thank you! Your question is waiting for a moderator."))
    return redirect("qa:session_detail", pk=session.pk)


@login_required
@require_POST
def vote(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _visible_question(request, pk, question_pk)
    try:
        services.toggle_vote(actor=request.user, question=question)
    except ValidationError as error:
        _error(request, error)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "qa/_live.html", _live_context(request, question.session))
    return redirect("qa:session_detail", pk=pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _visible_question(request, pk, question_pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_question(
                actor=request.user, question=question, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            _error(request, error)
    else:
        if not is_session_expert(request.user, question.session):
            raise PermissionDenied(Perm.ANSWER_QA.value)
        messages.error(request, _("Write your answer first."))
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "qa/_live.html", _live_context(request, question.session))
    return redirect("qa:session_detail", pk=pk)


@login_required
@require_GET
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    if not can_moderate(request.user, session):
        raise PermissionDenied(Perm.MODERATE.value)
    queue = selectors.moderation_queue(session, request.user)
    return render(request, "qa/moderation.html", {"session": session, "queue": queue})


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _visible_question(request, pk, question_pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.moderate_question(actor=request.user, question=question, approve=approve)
    except ValidationError as error:
        _error(request, error)
    else:
        _confirm_decision(request, approve)
    return redirect("qa:moderation", pk=pk)


def _confirm_decision(request: HttpRequest, approve: bool) -> None:
    if approve:
        messages.success(request, _("Question approved: it is now on the live page."))
    else:
        messages.success(request, _("Question rejected."))


@login_required
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    try:
        services.set_session_status(
            actor=request.user, session=session, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        _error(request, error)
    return redirect("qa:session_detail", pk=pk)
