"""API endpoints of the qa app, mounted under /api/v1/qa/: the same rules as the pages."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from suar.accounts.roles import Perm
from suar.qa import selectors, services
from suar.qa.access import can_moderate, visible_sessions
from suar.qa.models import QUESTION_MAX_LENGTH, QASession, Question

router = Router(tags=["qa"])

HELP = {
    "message": "You are not alone. Talk to someone now.",
    "phone": "119 ext. 8",
    "website": "https://healing119.id",
}


class SessionOut(Schema):
    id: int
    title: str
    description: str
    expert: str
    group: str | None
    starts_at: datetime
    ends_at: datetime
    status: str


class QuestionOut(Schema):
    id: int
    text: str
    asker: str  # "Anonymous" for anonymous questions: the identity never leaves the server
    votes: int
    voted: bool
    answer: str
    answered_at: datetime | None


class SessionDetailOut(SessionOut):
    questions: list[QuestionOut]


class AskIn(Schema):
    text: str
    anonymous: bool = False


class AskOut(Schema):
    id: int
    status: str
    help: dict[str, str] | None = None


class VoteOut(Schema):
    voted: bool


class TextIn(Schema):
    text: str


class DecisionIn(Schema):
    approve: bool


class QueueItemOut(Schema):
    id: int
    text: str
    asker: str
    status: str
    safety_categories: list[str]


class Error(Schema):
    detail: str


def _session_out(session: QASession) -> dict[str, object]:
    return {
        "id": session.pk,
        "title": session.title,
        "description": session.description,
        "expert": session.expert.public_name,
        "group": session.group.name if session.group else None,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "status": session.status,
    }


def _question_out(question: Question) -> dict[str, object]:
    return {
        "id": question.pk,
        "text": question.text,
        "asker": question.asker,  # type: ignore[attr-defined]
        "votes": question.vote_count,  # type: ignore[attr-defined]
        "voted": question.voted,  # type: ignore[attr-defined]
        "answer": question.answer,
        "answered_at": question.answered_at,
    }


def _question(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("author"), pk=pk)
    question.session = get_object_or_404(visible_sessions(request.user), pk=question.session_id)
    return question


def _message(error: ValidationError) -> dict[str, object]:
    return {"detail": " ".join(error.messages)}


@router.get("/sessions", response=list[SessionOut], auth=None)
def list_sessions(request: HttpRequest) -> list[dict[str, object]]:
    sessions = visible_sessions(request.user).order_by("-starts_at")[:100]
    return [_session_out(session) for session in sessions]


@router.get("/sessions/{pk}", response=SessionDetailOut, auth=None)
def session_detail(request: HttpRequest, pk: int) -> dict[str, object]:
    session = get_object_or_404(visible_sessions(request.user), pk=pk)
    questions = selectors.approved_questions(session, request.user)
    return {**_session_out(session), "questions": [_question_out(q) for q in questions]}


@router.post("/sessions/{pk}/questions", response={201: AskOut, 400: Error})
def ask(request: HttpRequest, pk: int, payload: AskIn) -> Status[dict[str, object]]:
    session = get_object_or_404(visible_sessions(request.user), pk=pk)
    if len(payload.text) > QUESTION_MAX_LENGTH:
        return Status(
            400, {"detail": f"The question is longer than {QUESTION_MAX_LENGTH} characters."}
        )
    try:
        question = services.ask_question(
            actor=request.user, session=session, text=payload.text, anonymous=payload.anonymous
        )
    except ValidationError as error:
        return Status(400, _message(error))
    crisis = question.status == Question.Status.CRISIS
    return Status(
        201, {"id": question.pk, "status": question.status, "help": HELP if crisis else None}
    )


@router.post("/questions/{pk}/vote", response={200: VoteOut, 400: Error})
def vote(request: HttpRequest, pk: int) -> Status[dict[str, object]]:
    question = _question(request, pk)
    try:
        voted = services.toggle_vote(actor=request.user, question=question)
    except ValidationError as error:
        return Status(400, _message(error))
    return Status(200, {"voted": voted})


@router.post("/questions/{pk}/answer", response={200: QuestionOut, 400: Error})
def answer(request: HttpRequest, pk: int, payload: TextIn) -> Status[dict[str, object]]:
    question = _question(request, pk)
    try:
        services.answer_question(actor=request.user, question=question, text=payload.text)
    except ValidationError as error:
        return Status(400, _message(error))
    answered = next(
        q for q in selectors.approved_questions(question.session, request.user) if q.pk == pk
    )
    return Status(200, _question_out(answered))


@router.post("/questions/{pk}/moderate", response={200: AskOut, 400: Error})
def moderate(request: HttpRequest, pk: int, payload: DecisionIn) -> Status[dict[str, object]]:
    question = _question(request, pk)
    try:
        services.moderate_question(actor=request.user, question=question, approve=payload.approve)
    except ValidationError as error:
        return Status(400, _message(error))
    return Status(200, {"id": question.pk, "status": question.status})


@router.get("/sessions/{pk}/queue", response=list[QueueItemOut])
def queue(request: HttpRequest, pk: int) -> list[dict[str, object]]:
    """Moderators only: questions waiting for a decision, possible crises first."""
    session = get_object_or_404(visible_sessions(request.user), pk=pk)
    if not can_moderate(request.user, session):
        raise PermissionDenied(Perm.MODERATE.value)
    return [
        {
            "id": q.pk,
            "text": q.text,
            "asker": q.asker,  # type: ignore[attr-defined]
            "status": q.status,
            "safety_categories": q.safety_categories,
        }
        for q in selectors.moderation_queue(session, request.user)
    ]
